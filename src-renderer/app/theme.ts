import {
  Alert,
  CloseButton,
  createTheme,
  PasswordInput,
  darken,
  DEFAULT_THEME,
  luminance,
  type CSSVariablesResolver,
  type MantineColorSchemeManager,
  type PaginationProps,
} from '@mantine/core';
import { t } from './strings';

// Text must reach 4.5:1 against what it sits on (WCAG AA; the axe e2e spec checks every
// screen). Mantine's defaults do not: dimmed grey is about 3.3:1, white on a shade-6 filled
// button or badge 2.5–4:1, shade-9 text on a shade-1 light badge about 3:1 for yellow and
// orange. Each fix below is a rule, not a list of colours, so a colour used later is covered.

const TARGET = 4.6; // a hair above 4.5, so rounding in the browser cannot tip it under

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The colour darkened just enough to reach the target against every background given. */
function readableOn(color: string, backgrounds: string[]): string {
  for (let amount = 0; amount < 0.9; amount += 0.05) {
    const candidate = amount === 0 ? color : darken(color, amount);
    if (backgrounds.every((bg) => contrast(candidate, bg) >= TARGET)) return candidate;
  }
  return '#000000';
}

const colorNames = Object.keys(DEFAULT_THEME.colors);

const resolver: CSSVariablesResolver = (theme) => {
  const light: Record<string, string> = {
    // Secondary text on white, gray.0 cards and the orange.0 demo card.
    '--mantine-color-dimmed': readableOn(theme.colors.gray[6], [
      '#ffffff',
      theme.colors.gray[1],
      theme.colors.orange[0],
      // A selected row or the active navigation entry: the primary colour's light tints.
      theme.colors.indigo[1],
      theme.colors.indigo[2],
    ]),
  };
  for (const name of colorNames) {
    const shades = theme.colors[name];
    if (!shades) continue;
    // Coloured text (c="red") sits on white or a light tint; light variants sit on shade 1,
    // shade 2 while hovered (the active navigation entry under the mouse).
    const text = readableOn(shades[9], [
      '#ffffff',
      shades[0],
      shades[1],
      shades[2],
      theme.colors.gray[1],
    ]);
    light[`--mantine-color-${name}-text`] = text;
    light[`--mantine-color-${name}-light-color`] = text;
    light[`--mantine-color-${name}-outline`] = text;
  }
  return { variables: {}, light, dark: {} };
};

export const cssVariablesResolver = resolver;

// System CJK fonts first: the renderer loads no remote fonts and ships none for the UI.
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 8 for filled surfaces; autoContrast then puts black text on the light ones (yellow,
  // orange, lime…) and white on the dark ones, switching where both reach 4.5:1.
  primaryShade: 8,
  autoContrast: true,
  luminanceThreshold: 0.179,
  fontFamily:
    '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", system-ui, sans-serif',
  headings: { fontFamily: 'inherit' },
  defaultRadius: 'sm',
  // Icon-only controls get their names once, here, so no dialog, alert or table can miss one.
  components: {
    CloseButton: CloseButton.extend({
      defaultProps: { 'aria-label': t.controls.close } as Record<string, string>,
    }),
    // Dialogs' close buttons are CloseButtons, named by the entry above. Pagination is a plain
    // entry, not Pagination.extend (an identity function): importing a component here put it
    // into the first screen's script, which has no pagination (a Modal.extend here did the
    // same, and Modal brings its scroll area and floating-ui, ~80 KB).
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: t.controls.close } }),
    Pagination: {
      defaultProps: {
        getControlProps: (control: 'first' | 'previous' | 'last' | 'next') => ({
          'aria-label': {
            first: t.controls.pageFirst,
            previous: t.controls.pagePrevious,
            next: t.controls.pageNext,
            last: t.controls.pageLast,
          }[control],
        }),
      } satisfies Partial<PaginationProps>,
    },
    PasswordInput: PasswordInput.extend({
      defaultProps: { visibilityToggleButtonProps: { 'aria-label': t.controls.showPassphrase } },
    }),
  },
});

/**
 * The workstation has one colour scheme (the contrast rules above are worked out for light).
 * Mantine's default manager reads localStorage during the first render, and the first
 * localStorage access of a window waits for the origin's whole store to load: ~100 ms of the
 * cold start under load, for a value that can only be 'light'.
 */
export const lightOnly: MantineColorSchemeManager = {
  get: () => 'light',
  set: () => {},
  subscribe: () => {},
  unsubscribe: () => {},
  clear: () => {},
};

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// pdf.js fetches character maps (CJK text in PDFs whose fonts are not embedded) and the 14
// standard fonts' data at run time. They ship with the build under pdfjs/ and are served by the
// app:// handler like any asset: no network, no file://.
const PDFJS_ROOT = resolve(__dirname, 'node_modules/pdfjs-dist');
const PDFJS_FOLDERS = ['cmaps', 'standard_fonts'] as const;
function pdfjsAssets(): Plugin {
  return {
    name: 'qihang-pdfjs-assets',
    generateBundle() {
      for (const folder of PDFJS_FOLDERS) {
        for (const name of readdirSync(resolve(PDFJS_ROOT, folder))) {
          this.emitFile({
            type: 'asset',
            fileName: `pdfjs/${folder}/${name}`,
            source: readFileSync(resolve(PDFJS_ROOT, folder, name)),
          });
        }
      }
    },
    configureServer(server) {
      server.middlewares.use('/pdfjs', (req, res, next) => {
        const [folder, name, ...rest] = (req.url ?? '').split('?')[0]!.split('/').filter(Boolean);
        if (!PDFJS_FOLDERS.includes(folder as never) || !name || rest.length > 0) return next();
        if (!readdirSync(resolve(PDFJS_ROOT, folder!)).includes(name)) return next();
        res.end(readFileSync(resolve(PDFJS_ROOT, folder!, name)));
      });
    },
  };
}

// electron-vite only auto-detects src/main, src/preload and src/renderer, so every entry is
// named here. The preload is bundled whole (no externals): a sandboxed preload cannot require
// anything but a few electron modules.
// QH_OUT_DIR lets parallel work build to separate folders; the app and npm test use out/.
const outRoot = process.env.QH_OUT_DIR
  ? resolve(process.env.QH_OUT_DIR)
  : resolve(__dirname, 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(outRoot, 'main'),
      lib: { entry: resolve(__dirname, 'src-main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(outRoot, 'preload'),
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-main/preload/index.ts') },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react(), pdfjsAssets()],
    // Module workers: the similarity pre-check's worker imports pdf.js, an ES module.
    worker: { format: 'es' },
    build: {
      outDir: resolve(outRoot, 'renderer'),
      // electron-vite leaves the renderer unminified; 1.6 MB of readable code is what the window
      // parses and compiles before the first screen, so it is minified like any web build.
      minify: true,
      rolldownOptions: {
        input: resolve(__dirname, 'src-renderer/index.html'),
      },
    },
  },
});

// `npm run preview:browser`: the harness for a person to look at the UI in any browser.
import { ensureRendererBuilt } from './build';
import { startHarness } from './server';

async function main(): Promise<void> {
  ensureRendererBuilt(process.argv.includes('--rebuild'));
  const portArg = process.argv.find((a) => a.startsWith('--port='));
  const harness = await startHarness({
    port: portArg ? Number(portArg.slice(7)) : 5199,
    preview: true,
  });
  process.stdout.write(`启航评审工作站 浏览器预览：${harness.url}\n（按 Ctrl+C 结束）\n`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});

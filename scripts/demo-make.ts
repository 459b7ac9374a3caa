// npm run demo:make [-- --out <dir>] — regenerates resources/demo/demo.qhpkg (see docs/demo.md).
import { buildDemoPackage, DEMO_DIR } from './demo/build';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? (process.argv[i + 1] ?? DEMO_DIR) : DEMO_DIR;
  const started = Date.now();
  const r = await buildDemoPackage({ outDir, log: (l) => console.log(l) });
  console.log(`演示工作包：${r.packagePath}`);
  console.log(
    `大小 ${(r.size / 1024 / 1024).toFixed(2)} MB，文件 ${r.fileCount} 个，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

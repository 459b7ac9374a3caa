import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
    // Module workers: the similarity pre-check's worker imports pdf.js, an ES module.
    worker: { format: 'es' },
    build: {
      outDir: resolve(outRoot, 'renderer'),
      rolldownOptions: {
        input: resolve(__dirname, 'src-renderer/index.html'),
      },
    },
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite only auto-detects src/main, src/preload and src/renderer, so every entry is
// named here. The preload is bundled whole (no externals): a sandboxed preload cannot require
// anything but a few electron modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(__dirname, 'src-main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src-main/preload/index.ts') },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: {
        input: resolve(__dirname, 'src-renderer/index.html'),
      },
    },
  },
});

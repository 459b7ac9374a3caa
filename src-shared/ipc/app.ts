import { z } from 'zod';
import { channel } from './channel';

export const appChannels = {
  getInfo: channel({
    summary: 'Version and host facts the shell shows in 设置 and uses to pick behaviour.',
    request: z.object({}).strict(),
    response: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser-harness']),
      packaged: z.boolean(),
      platform: z.string(),
      /** Where main writes its log (start-up steps, refused requests, IPC errors); null if none. */
      logFile: z.string().nullable(),
    }),
  }),
};

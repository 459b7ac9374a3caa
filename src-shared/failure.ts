// The one shape of an expected failure inside the app (a service's answer, a store's refusal):
// a stable code and a Chinese sentence naming the file or field. IPC wraps it as IpcError.
export type Failure<C extends string = string> = {
  ok: false;
  code: C;
  message: string;
  /** Technical detail for support (a full key id…): shown behind 详情, never in the sentence. */
  detail?: string;
};

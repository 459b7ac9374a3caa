import type { z } from 'zod';
import type { IpcResult } from './result';

export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** One line for people reading the contract; nothing generates docs from it. */
  summary: string;
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  spec: ChannelSpec<Req, Res>,
): ChannelSpec<Req, Res> {
  return spec;
}

/** A capability groups its channels; the wire name is `capability:method`. */
export type CapabilitySpec = Record<string, ChannelSpec>;
export type ContractSpec = Record<string, CapabilitySpec>;

export function channelName(capability: string, method: string): string {
  return `${capability}:${method}`;
}

/** Lists every wire channel of a contract, in a stable order. */
export function listChannels(
  contract: ContractSpec,
): { capability: string; method: string; name: string }[] {
  return Object.entries(contract).flatMap(([capability, methods]) =>
    Object.keys(methods).map((method) => ({
      capability,
      method,
      name: channelName(capability, method),
    })),
  );
}

/** The renderer-facing API type: one async function per channel, each returning a result. */
export type ApiOf<C extends ContractSpec> = {
  readonly [Cap in keyof C]: {
    readonly [M in keyof C[Cap]]: (
      request: z.input<C[Cap][M]['request']>,
    ) => Promise<IpcResult<z.output<C[Cap][M]['response']>>>;
  };
};

/** The main-side implementation type: handlers receive validated requests. */
export type HandlersOf<C extends ContractSpec> = {
  readonly [Cap in keyof C]: {
    readonly [M in keyof C[Cap]]: (
      request: z.output<C[Cap][M]['request']>,
    ) =>
      | Promise<IpcResult<z.input<C[Cap][M]['response']>>>
      | IpcResult<z.input<C[Cap][M]['response']>>;
  };
};

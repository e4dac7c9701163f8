import type { RequestBody, RequestType, ResponseOf } from "../../../shared/bridge/protocol.ts";

export type Pending = { message: Record<string, unknown>; resolve: (reply: object) => void; reject: (error: Error) => void };

/** An SDK transport whose requests wait until the test answers them, one by one. */
export function fakeTransport() {
  const pending: Pending[] = [];
  const transport = {
    request: <K extends RequestType>(message: RequestBody<K>) =>
      new Promise<ResponseOf<K>>((resolve, reject) => pending.push({ message, resolve: (reply) => resolve(reply as ResponseOf<K>), reject })),
  };
  return { transport, pending };
}

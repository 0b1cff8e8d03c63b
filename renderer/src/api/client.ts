/**
 * The renderer's only way to the main process: the preload bridge in Electron, or the
 * loopback host's /api in a browser. Both reach the same handlers and answer Results.
 */
import type { Channel, Input, Output } from '../../../shared/contract/api';
import type { ApiError, Result } from '../../../shared/contract/result';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

async function viaHttp(channel: string, arg: unknown): Promise<unknown> {
  const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  if (res.status === 401) throw new ApiCallError({ code: 'unsupported', message: 'session token missing or expired: reopen the URL printed by `npm run serve`' });
  return res.json();
}

export async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  const raw = window.procure ? await window.procure.call(channel, input) : await viaHttp(channel, input);
  const r = raw as Result<Output<C>>;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}

/**
 * The renderer's only way to the main process: the preload bridge in Electron, or the
 * loopback host's /api in a browser. Both reach the same handlers and answer Results.
 */
import type { Channel, Input, Output } from '../../../shared/contract/api';
import type { ApiError, Result } from '../../../shared/contract/result';
import i18next from 'i18next';
import { said, translateWith } from '../../../shared/i18n/translate';

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    // A message that is a UI string is shown in the user's language; others as the main process wrote them.
    super(error.i18n ? translateWith((k, v) => i18next.t(k, v), error.i18n) : error.message);
  }
}

const TOKEN_KEY = 'procure.token';

/**
 * The loopback host's token, from the URL it printed (`?token=`), kept in this origin's
 * sessionStorage so a reload without it still works. It goes in the X-Procure-Token header,
 * which a page on another origin cannot send: the host's cookie alone opens no API call.
 */
function hostToken(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function viaHttp(channel: string, arg: unknown): Promise<unknown> {
  const res = await fetch(`./api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Procure-Token': hostToken() },
    credentials: 'same-origin',
    body: arg === undefined ? '' : JSON.stringify(arg),
  });
  if (res.status === 401 || res.status === 403) throw new ApiCallError({ code: 'unsupported', ...said('errors.host.sessionExpired') });
  return res.json();
}

export async function call<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  const raw = window.procure ? await window.procure.call(channel, input) : await viaHttp(channel, input);
  const r = raw as Result<Output<C>>;
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}

/** Sending the contract's main-to-window events: every payload is checked against its schema first. */
import type { WebContents } from 'electron';
import { events, type EventName, type EventPayload } from '../../shared/contract/events';

export function sendEvent<E extends EventName>(contents: Pick<WebContents, 'send'>, name: E, payload: EventPayload<E>): void {
  contents.send(name, events[name].parse(payload));
}

// The one place request errors are shown to the user. The antd message API is bound by the app shell
// (inside <App>, so it follows the theme and locale); before that, errors go to the console.
import { errorText, isApiError } from './errors';

type Show = (text: string) => void;

let show: Show | null = null;

export function bindErrorReporter(fn: Show | null): void {
  show = fn;
}

/** Shows an error once; an expired session is not an error to show: the guard sends the user to /login. */
export function reportError(error: unknown): void {
  if (isApiError(error) && error.code === 'UNAUTHENTICATED') return;
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const text = errorText(error);
  if (show) show(text);
  else console.error(text, error);
}

export function reportMessages(messages: readonly string[]): void {
  for (const m of messages) {
    if (show) show(m);
    else console.error(m);
  }
}

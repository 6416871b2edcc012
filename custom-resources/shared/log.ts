/**
 * Structured logging for the handlers: one JSON line per entry, the event's `ResponseURL`
 * (a presigned URL) removed, password-like fields and every secret value read during the
 * invocation redacted.
 */

const REDACTED = '*****';
/** Property names whose values are secrets (names ending in Arn, Key or Field are references, not secrets). */
const SECRET_KEY = /(password|secretstring|secretvalue|clientsecret|token)$/i;

export class Logger {
  private readonly secrets = new Set<string>();

  constructor(private readonly sink: (line: string) => void = (line) => console.log(line)) {}

  /** Registers a value that must never be logged. */
  addSecret(value: string): void {
    if (value.length >= 4) this.secrets.add(value);
  }

  info(message: string, details?: unknown): void {
    this.write('INFO', message, details);
  }

  error(message: string, details?: unknown): void {
    this.write('ERROR', message, details);
  }

  /**
   * Logs the incoming event without its ResponseURL. Long lists (a bulk resource's users) are
   * cut to their first items so that a log line stays far under CloudWatch's 256 KB.
   */
  event(event: object): void {
    const { ResponseURL: _omitted, ...rest } = event as { ResponseURL?: string };
    this.write('INFO', 'event', shortenLists(rest));
  }

  /** Replaces every registered secret in a string (for error messages leaving the handler). */
  redactText(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return out;
  }

  redact(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.redact(v));
    if (value && typeof value === 'object') {
      const out: { [key: string]: unknown } = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null ? REDACTED : this.redact(v);
      }
      return out;
    }
    return value;
  }

  private write(level: string, message: string, details?: unknown): void {
    const entry: { [key: string]: unknown } = { level, message: this.redactText(message) };
    if (details !== undefined) entry.details = this.redact(details);
    this.sink(JSON.stringify(entry));
  }
}

const MAX_LOGGED_ITEMS = 20;

function shortenLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_LOGGED_ITEMS).map(shortenLists);
    return value.length > MAX_LOGGED_ITEMS ? [...head, `... ${value.length - MAX_LOGGED_ITEMS} more`] : head;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenLists(v)]));
  }
  return value;
}

/**
 * Structured logging for the handlers: one JSON line per entry.
 *
 * What never reaches a log line:
 * - the event's `ResponseURL` (a presigned URL that lets anyone answer for the resource);
 * - the value of any secret-like key (`Password`, `TemporaryPassword`, `client_secret`,
 *   `PrivateKey`, `secret`, `SessionToken`, ... in any case or style);
 * - every secret value the invocation read (registered with {@link Logger.addSecret}), also in
 *   its JSON-escaped, URL-encoded and base64 forms, wherever it appears inside a string;
 * - user attribute values (emails, phone numbers, names, ...): the event is logged as its
 *   structure, the attribute names, usernames and counts. A username that is itself an email
 *   address or a phone number is logged as a short hash.
 */
import { createHash } from 'crypto';

const REDACTED = '*****';
/** What replaces personal data in the logged event: the attribute name stays, the value goes. */
export const NOT_LOGGED = '(not logged)';

/** A key whose name ends like this holds a secret (compared without case, `_`, `-`, `.` or spaces). */
const SECRET_KEY_ENDINGS = [
  'password', 'passwords', 'passwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'privatekey',
  'apikey', 'secretkey', 'secretaccesskey', 'credential', 'credentials', 'secretstring', 'secretvalue',
  'secretbinary', 'authorization', 'cookie',
];
/** A key containing one of these holds a secret too (`PrivateKeyPem`, `ClientSecretValue`), unless it names a reference. */
const SECRET_KEY_PARTS = ['password', 'privatekey', 'clientsecret', 'secretvalue', 'secretstring'];
/** Endings of keys that name or point at a secret without holding it (`SecretArn`, `PasswordSecretId`, `JsonKey`). */
const REFERENCE_ENDINGS = ['arn', 'arns', 'id', 'ids', 'name', 'names', 'jsonkey', 'policy'];

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[\s_.-]/g, '');
}

/** Whether a property of this name holds a secret: any case or style (`client_secret`, `ClientSecret`, `private-key`). */
export function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  if (REFERENCE_ENDINGS.some((e) => k.endsWith(e))) return false;
  return SECRET_KEY_ENDINGS.some((e) => k.endsWith(e)) || SECRET_KEY_PARTS.some((p) => k.includes(p));
}

/** Shortest secret worth registering: shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** Shortest encoded fragment matched: a base64 fragment this short could occur by chance. */
const MIN_FRAGMENT_LENGTH = 6;

export class Logger {
  /** Every form a registered secret may take in a message, longest first when used. */
  private readonly forms = new Set<string>();
  private sortedForms?: string[];

  constructor(private readonly sink: (line: string) => void = (line) => console.log(line)) {}

  /** Registers a value that must never be logged, in any of the encodings it may travel in. */
  addSecret(value: string): void {
    if (value.length < MIN_SECRET_LENGTH) return;
    for (const form of encodedForms(value)) {
      if (form.length >= MIN_SECRET_LENGTH) this.forms.add(form);
    }
    this.sortedForms = undefined;
  }

  info(message: string, details?: unknown): void {
    this.write('INFO', message, details);
  }

  error(message: string, details?: unknown): void {
    this.write('ERROR', message, details);
  }

  /**
   * Logs the incoming event as what an operator needs to follow a deployment: request type,
   * resource, physical id, and the properties' structure with usernames and counts. Never the
   * ResponseURL, attribute values or secrets; long lists are cut to their first items so that a
   * line stays far under CloudWatch's 256 KB.
   */
  event(event: object): void {
    this.write('INFO', 'event', summarizeEvent(event));
  }

  /** Replaces every registered secret, in any of its forms, in a string (for error messages leaving the handler). */
  redactText(text: string): string {
    if (this.forms.size === 0) return text;
    this.sortedForms ??= [...this.forms].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.sortedForms) out = out.split(s).join(REDACTED);
    return out;
  }

  redact(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.redact(v));
    if (value && typeof value === 'object') {
      const out: { [key: string]: unknown } = {};
      for (const [k, v] of Object.entries(value)) {
        // A secret-like key hides its string value; an object under it (`Password: { SecretArn }`)
        // is judged key by key, and flags and numbers (`GenerateSecret: true`) are no secrets.
        out[k] = isSecretKey(k) && typeof v === 'string' ? REDACTED : this.redact(v);
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

/**
 * The forms in which a secret can appear inside a logged string: as is, JSON-escaped (once
 * and twice, as in a JSON document carried in a JSON string), URL-encoded (upper- and
 * lower-case hex, `+` for spaces), and base64 / base64url at each of the three byte
 * alignments it can have inside a longer encoded value (e.g. `Basic base64(id:secret)`).
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  const json = JSON.stringify(secret).slice(1, -1);
  forms.add(json);
  forms.add(JSON.stringify(json).slice(1, -1));
  const url = encodeURIComponent(secret);
  forms.add(url);
  forms.add(url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
  forms.add(url.replace(/%20/g, '+'));
  // application/x-www-form-urlencoded also encodes these, which encodeURIComponent leaves.
  forms.add(url.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Only the characters whose 6 bits all come from the secret: the same wherever it sits.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= MIN_FRAGMENT_LENGTH) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  // The whole value encoded on its own, padding included.
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64url'));
  return [...forms];
}

const MAX_LOGGED_ITEMS = 20;
/** Properties that map attribute names to a user's values: the names are logged, the values are not. */
const ATTRIBUTE_MAP_KEYS = new Set(['attributes', 'userattributes', 'validationdata', 'clientmetadata']);
/** Properties whose value identifies a person outside this pool (a federated subject, an address). */
const PERSONAL_VALUE_KEYS = new Set([
  'providerattributevalue', 'email', 'phonenumber', 'phone', 'destination', 'destinationphonenumber',
]);
const USERNAME_KEYS = new Set(['username', 'usernames', 'newusername', 'oldusername']);

/** The event as logged: its envelope, and its properties (old and new) summarized. */
export function summarizeEvent(event: object): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  for (const [k, v] of Object.entries(event)) {
    if (k === 'ResponseURL') continue;
    out[k] = k === 'ResourceProperties' || k === 'OldResourceProperties' ? summarize(v, '') : v;
  }
  return out;
}

function summarize(value: unknown, key: string): unknown {
  const k = normalizeKey(key);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_LOGGED_ITEMS).map((v) => (ATTRIBUTE_MAP_KEYS.has(k) ? attributeItem(v) : summarize(v, key)));
    return value.length > MAX_LOGGED_ITEMS ? [...items, `... ${value.length - MAX_LOGGED_ITEMS} more (${value.length} in all)`] : items;
  }
  if (value && typeof value === 'object') {
    // `{ email: 'a@b.c' }` → `{ email: '(not logged)' }`: the names stay, the values go.
    if (ATTRIBUTE_MAP_KEYS.has(k)) return Object.fromEntries(Object.keys(value).map((name) => [name, NOT_LOGGED]));
    return Object.fromEntries(Object.entries(value).map(([ck, cv]) => [ck, summarize(cv, ck)]));
  }
  if (typeof value === 'string') {
    if (PERSONAL_VALUE_KEYS.has(k)) return NOT_LOGGED;
    if (USERNAME_KEYS.has(k)) return loggableUsername(value);
    if (ATTRIBUTE_MAP_KEYS.has(k)) return NOT_LOGGED;
  }
  return value;
}

/**
 * One item of an attribute list: Cognito's `{ Name, Value }` keeps its Name; an item without a
 * Value (a custom attribute's definition: Name, type, constraints) holds no personal data.
 */
function attributeItem(item: unknown): unknown {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return NOT_LOGGED;
  const summarized = summarize(item, '') as { [key: string]: unknown };
  return 'Value' in item ? { ...summarized, Value: NOT_LOGGED } : summarized;
}

const EMAIL_LIKE = /@/;
/** E.164, the only form Cognito accepts for a phone number used to sign in. */
const PHONE_LIKE = /^\+[1-9][0-9]{6,14}$/;

/**
 * A username as logged: as declared, unless it is an email address or a phone number (pools
 * that sign in with either), which is personal data: then a short SHA-256 prefix that an
 * operator can compute from the address to find its lines.
 */
export function loggableUsername(username: string): string {
  if (!EMAIL_LIKE.test(username) && !PHONE_LIKE.test(username)) return username;
  return `sha256:${createHash('sha256').update(username, 'utf8').digest('hex').slice(0, 12)}`;
}

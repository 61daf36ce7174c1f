/** cel-go ext strings: `"%s has %d".format([a, b])` and `strings.quote(s)`. */

function fail(message: string): never {
  throw new Error(message);
}

/** `string(x)` of a CEL value, as `%s` prints it. */
export function display(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${display(k)}: ${display(v)}`).join(', ')}}`;
  if (typeof value === 'object' && value.constructor === Object) return `{${Object.entries(value).map(([k, v]) => `${k}: ${display(v)}`).join(', ')}}`;
  return String(value);
}

function numeric(value: unknown): number {
  return typeof value === 'bigint' || typeof value === 'number' ? Number(value) : fail('format: expected a number');
}

export function formatString(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(/%(\.\d+)?([sdfexXob%])/g, (_all, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) fail('format: not enough arguments');
    const arg = args[next++];
    const digits = precision === undefined ? 6 : Number(precision.slice(1));
    switch (verb) {
      case 's': return display(arg);
      case 'd': return typeof arg === 'bigint' ? String(arg) : Number.isInteger(arg) ? String(arg) : fail('format: %d needs an integer');
      case 'f': return numeric(arg).toFixed(digits);
      case 'e': return numeric(arg).toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
      case 'b': return typeof arg === 'boolean' ? String(arg) : BigInt(numeric(arg)).toString(2);
      case 'o': return BigInt(numeric(arg)).toString(8);
      default: {
        const hex = typeof arg === 'string' ? Buffer.from(arg).toString('hex') : BigInt(numeric(arg)).toString(16);
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
    }
  });
}

export function quote(s: string): string {
  return `"${s.replace(/[\\"\n\r\t\f\v\b\x07]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\f': '\\f', '\v': '\\v', '\b': '\\b', '\x07': '\\a' })[c]!)}"`;
}

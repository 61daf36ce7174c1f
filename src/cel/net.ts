/**
 * The Kubernetes CEL IP, CIDR and URL libraries (k8s.io/apiserver/pkg/cel/library/{ip,cidr,urls}.go)
 * over Go's parsers: `netip.ParseAddr` (strict dotted quads, no zones, and `ip()` refuses
 * IPv4-mapped IPv6) and `url.ParseRequestURI` (an absolute URI or an absolute path, nothing is
 * normalised: `getPort()` of `https://a:443` is `443`).
 */
export class CelIP {
  constructor(readonly bytes: readonly number[]) {}
  get family(): 4 | 6 { return this.bytes.length === 4 ? 4 : 6; }
  toString(): string { return this.family === 4 ? this.bytes.join('.') : formatV6(this.bytes); }
}

export class CelCIDR {
  constructor(readonly ip: CelIP, readonly prefix: number) {}
  toString(): string { return `${this.ip.toString()}/${this.prefix}`; }
  masked(): CelCIDR { return new CelCIDR(mask(this.ip, this.prefix), this.prefix); }
  contains(ip: CelIP): boolean {
    return ip.family === this.ip.family && mask(ip, this.prefix).toString() === mask(this.ip, this.prefix).toString();
  }
}

function mask(ip: CelIP, prefix: number): CelIP {
  return new CelIP(ip.bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  }));
}

function parseV4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.map(Number);
}

function parseV6(text: string): number[] | undefined {
  if (text.includes('%')) return undefined; // zones are refused
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseV4(part);
        if (v4 === undefined) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<number>(Math.max(0, missing)).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function formatV6(bytes: readonly number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${bytes.slice(12).join('.')}`;
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/** `netip.ParseAddr`; with `strict` (CEL `ip()`/`isIP()`) IPv4-mapped IPv6 addresses are refused. */
export function parseIP(text: string, strict = true): CelIP | undefined {
  const bytes = text.includes(':') ? parseV6(text) : parseV4(text);
  if (bytes === undefined) return undefined;
  if (strict && bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return undefined;
  return new CelIP(bytes);
}

export function parseCIDR(text: string): CelCIDR | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > ip.bytes.length * 8 ? undefined : new CelCIDR(ip, prefix);
}

export function ipIs(ip: CelIP, what: 'unspecified' | 'loopback' | 'linkLocalMulticast' | 'linkLocalUnicast' | 'globalUnicast'): boolean {
  const b = ip.bytes;
  const v4 = ip.family === 4;
  switch (what) {
    case 'unspecified': return b.every((x) => x === 0);
    case 'loopback': return v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
    case 'linkLocalMulticast': return v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1]! & 0x0f) === 2;
    case 'linkLocalUnicast': return v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1]! & 0xc0) === 0x80;
    case 'globalUnicast':
      return !ipIs(ip, 'unspecified') && !ipIs(ip, 'loopback') && !ipIs(ip, 'linkLocalUnicast')
        && !(v4 ? b[0]! >= 224 && b[0]! < 240 : b[0] === 0xff) && !(v4 && b.every((x) => x === 255));
  }
}

export class CelURL {
  constructor(readonly scheme: string, readonly host: string, readonly path: string, readonly query: string) {}
}

/** `url.ParseRequestURI`: `https://host:port/path?query`, `/path`, or an opaque `mailto:x`. */
export function parseURL(text: string): CelURL | undefined {
  if (text === '' || /[\x00-\x1f\x7f]/.test(text)) return undefined;
  const query = text.indexOf('?');
  const rest = query < 0 ? text : text.slice(0, query);
  const q = query < 0 ? '' : text.slice(query + 1);
  if (rest.startsWith('/')) return rest.startsWith('//') ? undefined : new CelURL('', '', rest, q);
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$/s.exec(rest);
  if (m === null) return undefined;
  const [, scheme, after] = m as unknown as [string, string, string];
  if (!after.startsWith('//')) return after !== '' ? new CelURL(scheme, '', after.startsWith('/') ? after : '', q) : undefined;
  const slash = after.indexOf('/', 2);
  const authority = after.slice(2, slash < 0 ? undefined : slash);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (!validHost(host)) return undefined;
  return new CelURL(scheme, host, slash < 0 ? '' : after.slice(slash), q);
}

function validHost(host: string): boolean {
  const m = /^(\[[0-9a-fA-F:.]+(?:%25[^\]]*)?\]|[^[\]:/ ]*)(?::(\d*))?$/.exec(host);
  return m !== null && (!m[1]!.startsWith('[') || parseIP(m[1]!.slice(1, -1).replace(/%25.*$/, ''), false) !== undefined);
}

export function urlHostname(url: CelURL): string {
  const m = /^(\[([^\]]*)\]|[^:]*)/.exec(url.host)!;
  return m[2] ?? m[1]!;
}

export function urlPort(url: CelURL): string {
  const m = /^(?:\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(url.host);
  return m?.[1] ?? '';
}

export function urlQuery(url: CelURL): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (url.query === '') return out;
  for (const [key, value] of new URLSearchParams(url.query)) out.set(key, [...(out.get(key) ?? []), value]);
  return out;
}

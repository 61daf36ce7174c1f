/**
 * The value types of the Kubernetes CEL libraries that are not CEL built-ins: Quantity
 * (library/quantity.go), the format library's Format (library/format.go) and the namespaces
 * `format` and `strings` hang their functions on.
 */
import { checkGenerateName, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue, isQualifiedName } from '../k8s/names.js';
import { parseQuantity } from '../k8s/quantity.js';

export class CelQuantity {
  constructor(readonly text: string, readonly value: number) {}
  toString(): string { return this.text; }
}

export function quantity(text: string): CelQuantity | undefined {
  const parsed = parseQuantity(text);
  return parsed.ok && text.trim() === text ? new CelQuantity(text, parsed.value) : undefined;
}

export function quantityFromNumber(value: number): CelQuantity {
  return new CelQuantity(String(value), value);
}

export class CelFormat {
  constructor(readonly name: string, readonly check: (value: string) => string[]) {}
}

/** The namespace objects: `format.dns1123Label()`, `strings.quote(s)`, `ip.isCanonical(s)`. */
export class FormatNamespace {}
export class StringsNamespace {}
export class IPNamespace {}
export class SetsNamespace {}

const prefix = (format: 'dns1123Label' | 'dns1123Subdomain' | 'dns1035Label') => (value: string) => checkGenerateName(value, format);

export const FORMATS: Readonly<Record<string, (value: string) => string[]>> = {
  dns1123Label: isDns1123Label,
  dns1123Subdomain: isDns1123Subdomain,
  dns1035Label: isDns1035Label,
  qualifiedName: isQualifiedName,
  dns1123LabelPrefix: prefix('dns1123Label'),
  dns1123SubdomainPrefix: prefix('dns1123Subdomain'),
  dns1035LabelPrefix: prefix('dns1035Label'),
  labelValue: isLabelValue,
  uri: (value) => (/^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$|^\/[^\s]*$/.test(value) ? [] : ['must be a URI']),
  uuid: (value) => (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? [] : ['must be a UUID']),
  byte: (value) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) ? [] : ['must be base64 encoded']),
  date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? [] : ['must be a date (RFC 3339 full-date)']),
  datetime: (value) => (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)) ? [] : ['must be a date-time (RFC 3339)']),
};

/**
 * Just enough XML writing for awsQuery and restXml responses. Values map to elements the way the AWS
 * serializers do: arrays become `<member>` lists, `XmlMap` becomes `<entry><key/><value/></entry>`, dates
 * become ISO 8601 without milliseconds (as IAM and STS send them), undefined members are left out.
 */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | XmlMap | XmlFlat | { [key: string]: XmlValue };

/** A map serialized as `<entry><key>k</key><value>v</value></entry>` (e.g. IAM `SummaryMap`). */
export class XmlMap {
  constructor(readonly entries: Record<string, string | number>) {}
}

/** A list whose items repeat as `<tag>` directly, without a `<member>` wrapper (S3 `<Bucket>` in `<Buckets>`). */
export class XmlFlat {
  constructor(
    readonly tag: string,
    readonly items: XmlValue[],
  ) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The content of an element (not the element itself). */
export function xmlContent(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return isoSeconds(value);
  if (Array.isArray(value)) return value.map((item) => element('member', item)).join('');
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`)
      .join('');
  }
  if (value instanceof XmlFlat) return value.items.map((item) => element(value.tag, item)).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('');
  }
  return escapeXml(String(value));
}

export function element(tag: string, value: XmlValue): string {
  if (value === undefined) return '';
  return `<${tag}>${xmlContent(value)}</${tag}>`;
}

// Safe XML parsing for feeds: documents with entity declarations are refused outright (no XXE, no entity
// expansion bombs; no feed we read uses a DTD), HTML error pages are recognised, and malformed XML names its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserError } from '../../errors.js';

/** A page that cannot be used (malformed, truncated, an HTML error page, wrong format); stops the source. */
export class MalformedPageError extends UserError {
  constructor(message: string) {
    super(message, 'failure');
  }
}

// Elements that may repeat; parsed as arrays always, so one entry and many entries look alike.
const repeated = new Set([
  'entry',
  'item',
  'author',
  'category',
  'link',
  'record',
  'version',
  'error',
  'creator',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Prefixes vary between producers (arxiv:, opensearch:, oai:); local names do not.
  removeNSPrefix: true,
  // Keep every value a string: ids like 2509.10000 must not turn into numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Decodes numeric character references (&#233;) as well as the XML ones.
  htmlEntities: true,
  processEntities: true,
  isArray: (name) => repeated.has(name),
});

/** Parses an XML document from `what` (used in messages) or throws MalformedPageError. */
export function parseXml(text: string, what: string): Record<string, unknown> {
  const head = text.slice(0, 2000).trimStart();
  if (/^(<!doctype html|<html)/i.test(head)) {
    throw new MalformedPageError(
      `${what} is an HTML page, not XML (an error page from the server or a proxy?)`,
    );
  }
  if (/<!ENTITY/i.test(text)) {
    throw new MalformedPageError(`${what} declares XML entities; refused for safety (feeds never need them)`);
  }
  if (!head.startsWith('<')) {
    throw new MalformedPageError(
      `${what} is not XML (it starts with "${head.slice(0, 30).replace(/\s+/g, ' ')}")`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new MalformedPageError(`${what} is malformed or truncated XML (line ${line}: ${msg})`);
  }
  return parser.parse(text) as Record<string, unknown>;
}

/** The text content of a parsed node (plain string, or the text of an element that has attributes). */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return textOf(node['#text']);
  return '';
}

/** An attribute of a parsed element, or undefined. */
export function attrOf(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as Record<string, unknown>)[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The child elements named `name` as an array (empty when absent). */
export function children(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as Record<string, unknown>)[name];
  if (v === undefined || v === null || v === '') return [];
  return Array.isArray(v) ? v : [v];
}

/** The first child element named `name`, or undefined. */
export const child = (node: unknown, name: string): unknown => children(node, name)[0];

/**
 * Container image references, judged the way the kubelet judges them.
 *
 * Evidence. The kubelet's `applyDefaultImageTag` (pkg/kubelet/images) calls `parsers.ParseImageName`,
 * which calls `ParseNormalizedNamed` from github.com/distribution/reference (v0.6.0 in Kubernetes'
 * go.mod); any error makes the container wait with `InvalidImageName`, and an image with neither tag
 * nor digest is pulled as `<image>:latest`. This module re-implements that function:
 * - normalize.go `ParseNormalizedNamed`: a bare 64-hex string is refused; `splitDockerDomain` takes
 *   the text before the first `/` as the registry only if it is `localhost`, contains `.` or `:`, or
 *   has an uppercase letter — otherwise the image is on docker.io, with `library/` added when there is
 *   no `/`; the text after the registry up to the first `:` must be lowercase.
 * - regexp.go: the anchored `referencePat` (the patterns below are transcribed from it, `[[:xdigit:]]`
 *   written as `[0-9a-fA-F]`), matched against `domain + "/" + remainder`; if that fails but the
 *   lowercased string matches, the error is
 *   "repository name must be lowercase". Note a registry-looking first part that is not a valid host
 *   may still match as a path component (`my_registry.com/app` is accepted, with no domain).
 * - reference.go `Parse`: the path (after the domain, including an implied `library/`) is at most 255
 *   characters — the domain stopped counting in distribution/reference#9 (v0.6.0).
 * - go-digest `Digest.Validate`: only sha256/sha384/sha512 are registered, needing exactly 64/96/128
 *   lowercase hex characters (the reference grammar alone would accept any `alg:` + 32+ hex digits).
 */

import { StringMemo } from './memo.js';

export interface ImageReference { domain?: string; path: string; tag?: string; digest?: string }
export type ImageParse =
  | { ok: true; reference: ImageReference }
  | { ok: false; reason: string; /** 0-based [start, end) within the input string of the offending part, when known */ span?: [number, number]; suggestion?: string };

/** The tag the kubelet pulls when the image names neither a tag nor a digest. */
export const DEFAULT_TAG = 'latest';

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_AND_PORT = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const DOMAIN_ONLY_RE = new RegExp(`^${DOMAIN_AND_PORT}$`);
const COMPONENT_ONLY_RE = new RegExp(`^${PATH_COMPONENT}$`);
const HEX_LENGTH: ReadonlyMap<string, number> = new Map([['sha256', 64], ['sha384', 96], ['sha512', 128]]);
const MAX_PATH = 255;

type Failure = Extract<ImageParse, { ok: false }>;

function fail(reason: string, span?: [number, number], suggestion?: string): Failure {
  const failure: Failure = { ok: false, reason };
  if (span) failure.span = span;
  if (suggestion !== undefined) failure.suggestion = suggestion;
  return failure;
}

let checkingSuggestion = false;

/** `candidate` if it is itself a valid image, for use as a suggestion (one level deep: a suggestion gets none). */
function ifValid(candidate: string): string | undefined {
  if (checkingSuggestion) return undefined;
  checkingSuggestion = true;
  try {
    return parseImageReference(candidate).ok ? candidate : undefined;
  } finally {
    checkingSuggestion = false;
  }
}
const lowercased = (s: string, [start, end]: [number, number]) => s.slice(0, start) + s.slice(start, end).toLowerCase() + s.slice(end);

/** Valid references already parsed: several rules parse each container's image. */
const parsed = new StringMemo<ImageReference>();

export function parseImageReference(image: string): ImageParse {
  const known = parsed.get(image);
  if (known !== undefined) return { ok: true, reference: { ...known } };
  const result = parse(image);
  // A suggestion's own parse (checkingSuggestion) is not kept: it is made without suggestions.
  if (result.ok && !checkingSuggestion) parsed.set(image, { ...result.reference });
  return result;
}

function parse(image: string): ImageParse {
  if (image === '') return fail('it is empty');
  const trimmed = image.trim();
  if (trimmed === '') return fail('it is only whitespace', [0, image.length]);
  if (/^\s/.test(image)) {
    const what = image[0] === ' ' ? 'a space' : 'whitespace';
    return fail(`it starts with ${what}`, [0, image.length - image.trimStart().length], ifValid(trimmed));
  }
  if (/\s$/.test(image)) {
    const what = image[image.length - 1] === ' ' ? 'a space' : 'whitespace';
    return fail(`it ends with ${what}`, [image.trimEnd().length, image.length], ifValid(trimmed));
  }
  const space = image.search(/\s/);
  if (space >= 0) return fail('it contains whitespace', [space, space + 1]);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(image);
  if (scheme) return fail(`it must not include a URL scheme (\`${scheme[0]}\`)`, [0, scheme[0].length], ifValid(image.slice(scheme[0].length)));
  if (/^[a-f0-9]{64}$/.test(image)) return fail('it is a 64-character hexadecimal image ID, which cannot be used as a repository name', [0, 64]);

  // splitDockerDomain, on the whole string exactly as upstream does.
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const explicit = slash >= 0 && (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase());
  const remStart = explicit ? slash + 1 : 0;
  const remainder = image.slice(remStart);
  const hub = !explicit || first === 'docker.io' || first === 'index.docker.io';
  const implied = hub && !remainder.includes('/') ? 'library/' : '';
  const normalized = `${explicit && first !== 'index.docker.io' ? first : 'docker.io'}/${implied}${remainder}`;

  // The "remote" (remainder up to the first `:`) must be lowercase. Without a tag it runs into the digest.
  const remote = remainder.slice(0, remainder.includes(':') ? remainder.indexOf(':') : remainder.length);
  if (remote !== remote.toLowerCase()) {
    const at = remote.indexOf('@');
    const nameEnd = remStart + (at < 0 ? remote.length : at);
    const span: [number, number] = [remStart, nameEnd];
    const name = image.slice(...span);
    if (name !== name.toLowerCase() || at < 0) return fail('the repository name must be lowercase', span, ifValid(lowercased(image, span)));
    const algorithm: [number, number] = [nameEnd + 1, remStart + remote.length];
    return fail(`the digest algorithm \`${image.slice(...algorithm)}\` must be lowercase`, algorithm, ifValid(lowercased(image, algorithm)));
  }

  const match = REFERENCE_RE.exec(normalized);
  if (!match) {
    if (REFERENCE_RE.test(normalized.toLowerCase())) {
      const span: [number, number] = [0, remStart + remote.split('@')[0].length];
      return fail('the repository name must be lowercase', span, ifValid(lowercased(image, span)));
    }
    return diagnose(image, remStart);
  }
  const [, fullName, tag, digest] = match;
  const nameEnd = image.length - (tag === undefined ? 0 : tag.length + 1) - (digest === undefined ? 0 : digest.length + 1);
  const path = NAME_RE.exec(fullName)![2];
  if (path.length > MAX_PATH) {
    const note = implied ? ', counting the implied `library/` prefix' : '';
    return fail(`the repository path is ${path.length} characters long (the limit is ${MAX_PATH}${note})`, [remStart, nameEnd]);
  }
  if (digest !== undefined) {
    const problem = digestProblem(image, image.length - digest.length);
    if (problem) return problem;
  }

  const reference: ImageReference = { path: image.slice(0, nameEnd) };
  if (explicit) {
    const written = NAME_RE.exec(reference.path)!;
    if (written[1] !== undefined) reference.domain = written[1];
    reference.path = written[2];
  }
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return { ok: true, reference };
}

/** The tag the kubelet will pull: the written tag, `latest` when there is neither tag nor digest. */
export function effectiveTag(reference: ImageReference): string | undefined {
  return reference.tag ?? (reference.digest === undefined ? DEFAULT_TAG : undefined);
}

/** Why an image that fails the grammar fails, checking its parts in order. */
function diagnose(image: string, remStart: number): Failure {
  const at = image.indexOf('@');
  if (at !== image.lastIndexOf('@')) return fail('it contains more than one `@`', [image.lastIndexOf('@'), image.lastIndexOf('@') + 1]);
  const end = at < 0 ? image.length : at;
  if (remStart > 0) {
    const domain = image.slice(0, remStart - 1);
    if (!DOMAIN_ONLY_RE.test(domain) && !COMPONENT_ONLY_RE.test(domain)) {
      return fail(`the registry \`${domain}\` is not a valid host name or host:port`, [0, remStart - 1]);
    }
  }
  const colon = image.indexOf(':', remStart);
  const nameEnd = colon >= 0 && colon < end ? colon : end;
  const name = image.slice(remStart, nameEnd);
  if (name === '' && remStart === 0) return fail('the repository name is empty', [0, 0]);
  let offset = remStart;
  for (const component of name.split('/')) {
    if (component === '') {
      if (offset === 0) return fail('the repository name starts with `/`', [0, 1]);
      if (offset >= nameEnd) return fail('the repository name ends with `/`', [offset - 1, offset]);
      return fail('the repository name contains an empty path component (`//`)', [offset - 1, offset + 1]);
    }
    if (!COMPONENT_ONLY_RE.test(component)) return fail(componentProblem(component), [offset, offset + component.length]);
    offset += component.length + 1;
  }
  if (nameEnd === colon) {
    const tag = image.slice(colon + 1, end);
    const span: [number, number] = [colon + 1, end];
    if (tag === '') return fail('the tag after `:` is empty', [colon, colon + 1]);
    if (tag.includes(':')) return fail(`the tag \`${tag}\` contains \`:\``, span);
    if (/^[.-]/.test(tag)) return fail(`the tag \`${tag}\` must start with a letter, digit or underscore`, span);
    const bad = /[^\w.-]/.exec(tag);
    if (bad) return fail(`the tag \`${tag}\` contains \`${bad[0]}\``, span);
    if (tag.length > 128) return fail(`the tag is ${tag.length} characters long (the limit is 128)`, span);
  }
  if (at >= 0) {
    const problem = digestProblem(image, at + 1);
    if (problem) return problem;
  }
  return fail('it does not follow the image reference grammar');
}

function componentProblem(component: string): string {
  const bad = /[^a-z0-9._-]/.exec(component);
  if (bad) return `the path component \`${component}\` contains \`${bad[0]}\``;
  if (/^[._-]|[._-]$/.test(component)) return `the path component \`${component}\` must start and end with a lowercase letter or digit`;
  return `the path component \`${component}\` joins letters and digits with something other than \`.\`, \`_\`, \`__\` or dashes`;
}

/** go-digest's verdict on the `algorithm:hex` that starts at `offset` in the image and runs to its end. */
function digestProblem(image: string, offset: number): Failure | undefined {
  const digest = image.slice(offset);
  const all: [number, number] = [offset, offset + digest.length];
  if (digest === '') return fail('the digest after `@` is empty', [offset - 1, offset]);
  const colon = digest.indexOf(':');
  if (colon <= 0) return fail(`the digest \`${digest}\` must have the form \`algorithm:hex\``, all);
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const hexSpan: [number, number] = [offset + colon + 1, all[1]];
  const expected = HEX_LENGTH.get(algorithm);
  if (expected === undefined) {
    const span: [number, number] = [offset, offset + colon];
    if (HEX_LENGTH.has(algorithm.toLowerCase())) {
      return fail(`the digest algorithm \`${algorithm}\` must be lowercase`, span, ifValid(lowercased(image, span)));
    }
    return fail(`the digest algorithm \`${algorithm}\` is not supported (use sha256, sha384 or sha512)`, span);
  }
  const bad = /[^0-9a-fA-F]/.exec(encoded);
  if (bad) return fail(`the ${algorithm} digest contains \`${bad[0]}\`, which is not a hexadecimal digit`, hexSpan);
  if (encoded.length !== expected) {
    return fail(`a ${algorithm} digest needs ${expected} hexadecimal characters, got ${encoded.length}`, hexSpan);
  }
  if (/[A-F]/.test(encoded)) return fail(`the ${algorithm} digest must use lowercase hexadecimal`, hexSpan, ifValid(lowercased(image, hexSpan)));
  return undefined;
}

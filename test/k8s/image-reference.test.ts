import { describe, expect, it } from 'vitest';
import { effectiveTag, parseImageReference, type ImageReference } from '../../src/k8s/image-reference.js';

const sha256 = 'sha256:' + '0123456789abcdef'.repeat(4);
const sha384 = 'sha384:' + 'ab'.repeat(48);
const sha512 = 'sha512:' + 'cd'.repeat(64);

const valid: Array<[string, ImageReference]> = [
  ['nginx', { path: 'nginx' }],
  ['nginx:1.25', { path: 'nginx', tag: '1.25' }],
  ['library/nginx', { path: 'library/nginx' }],
  ['docker.io/library/nginx:latest', { domain: 'docker.io', path: 'library/nginx', tag: 'latest' }],
  ['index.docker.io/nginx', { domain: 'index.docker.io', path: 'nginx' }],
  ['localhost:5000/foo/bar:tag', { domain: 'localhost:5000', path: 'foo/bar', tag: 'tag' }],
  ['localhost/foo', { domain: 'localhost', path: 'foo' }],
  [`gcr.io/project/img@${sha256}`, { domain: 'gcr.io', path: 'project/img', digest: sha256 }],
  [`img:tag@${sha256}`, { path: 'img', tag: 'tag', digest: sha256 }],
  [`quay.io/org/app@${sha384}`, { domain: 'quay.io', path: 'org/app', digest: sha384 }],
  [`app@${sha512}`, { path: 'app', digest: sha512 }],
  ['registry.example.com:8443/team/app:v1.2.3', { domain: 'registry.example.com:8443', path: 'team/app', tag: 'v1.2.3' }],
  ['10.0.0.1:5000/app', { domain: '10.0.0.1:5000', path: 'app' }],
  ['[::1]:5000/x', { domain: '[::1]:5000', path: 'x' }],
  ['[2001:db8::1]/ns/x:1', { domain: '[2001:db8::1]', path: 'ns/x', tag: '1' }],
  ['my_app', { path: 'my_app' }],
  ['my__app/sub.name', { path: 'my__app/sub.name' }],
  ['my---app', { path: 'my---app' }],
  ['a/b/c/d/e', { path: 'a/b/c/d/e' }],
  ['Registry.Example.COM/team/app', { domain: 'Registry.Example.COM', path: 'team/app' }],
  ['nginx:V1_rc-2.x', { path: 'nginx', tag: 'V1_rc-2.x' }],
  ['nginx:_private', { path: 'nginx', tag: '_private' }],
  [`nginx:${'t'.repeat(128)}`, { path: 'nginx', tag: 't'.repeat(128) }],
  ['nginxdoesntexist', { path: 'nginxdoesntexist' }],
  ['a', { path: 'a' }],
  // Quirks of ParseNormalizedNamed, reproduced on purpose:
  ['localhost:5000', { path: 'localhost', tag: '5000' }], // no `/`, so `localhost` is the repository
  ['MyOrg/app', { domain: 'MyOrg', path: 'app' }], // an uppercase first component is taken as a registry
  ['my_registry.com/app', { path: 'my_registry.com/app' }], // not a valid host, but a valid path component
  [`sha256:${'a'.repeat(64)}`, { path: 'sha256', tag: 'a'.repeat(64) }], // repository `sha256`, 64-char tag
  ['a'.repeat(247), { path: 'a'.repeat(247) }], // 255 with the implied `library/`
  [`example.com/${'a'.repeat(255)}`, { domain: 'example.com', path: 'a'.repeat(255) }], // the domain does not count
];

describe('parseImageReference: valid images', () => {
  it.each(valid)('%s', (image, reference) => {
    expect(parseImageReference(image)).toEqual({ ok: true, reference });
  });
});

const invalid: Array<[string, string]> = [
  ['Nginx', 'the repository name must be lowercase'],
  ['docker.io/Library/nginx', 'the repository name must be lowercase'],
  ['My_Registry.com/app', 'the repository name must be lowercase'],
  ['my_registry.com/', 'ends with `/`'],
  ['nginx/', 'ends with `/`'],
  ['nginx:', 'the tag after `:` is empty'],
  ['nginx:1.0:beta', 'the tag `1.0:beta` contains `:`'],
  ['nginx:.hidden', 'must start with a letter, digit or underscore'],
  ['nginx:-rc1', 'must start with a letter, digit or underscore'],
  ['nginx:v1+build', 'the tag `v1+build` contains `+`'],
  [`nginx:${'t'.repeat(129)}`, 'the tag is 129 characters long'],
  ['nginx@sha256:abc123abc123', 'a sha256 digest needs 64 hexadecimal characters, got 12'],
  [`nginx@sha256:${'a'.repeat(40)}`, 'a sha256 digest needs 64 hexadecimal characters, got 40'],
  [`nginx@sha512:${'a'.repeat(64)}`, 'a sha512 digest needs 128 hexadecimal characters, got 64'],
  [`nginx@sha256:${'A'.repeat(64)}`, 'must use lowercase hexadecimal'],
  [`nginx@sha256:${'g'.repeat(64)}`, 'not a hexadecimal digit'],
  [`nginx@md5:${'a'.repeat(32)}`, 'the digest algorithm `md5` is not supported'],
  [`nginx@SHA256:${'a'.repeat(64)}`, 'the digest algorithm `SHA256` must be lowercase'],
  ['nginx@', 'the digest after `@` is empty'],
  ['nginx@latest', 'must have the form `algorithm:hex`'],
  [`nginx@${sha256}@${sha256}`, 'more than one `@`'],
  ['https://nginx', 'it must not include a URL scheme (`https://`)'],
  ['http://registry.local:5000/app', 'it must not include a URL scheme (`http://`)'],
  ['', 'it is empty'],
  ['   ', 'it is only whitespace'],
  [' nginx', 'it starts with a space'],
  ['nginx ', 'it ends with a space'],
  ['nginx\t', 'it ends with whitespace'],
  ['nginx :1.0', 'it contains whitespace'],
  ['a'.repeat(248), 'the repository path is 256 characters long (the limit is 255, counting the implied `library/` prefix)'],
  [`${'a/'.repeat(128)}a`, 'the repository path is 257 characters long'],
  ['a//b', 'contains an empty path component (`//`)'],
  ['/nginx', 'starts with `/`'],
  ['foo-/bar', 'the path component `foo-` must start and end with a lowercase letter or digit'],
  ['_foo/bar', 'the path component `_foo` must start and end'],
  ['foo..bar', 'joins letters and digits with something other than'],
  ['foo___bar', 'joins letters and digits with something other than'],
  ['foo!/bar', 'the path component `foo!` contains `!`'],
  [':tag', 'the repository name is empty'],
  [`@${sha256}`, 'the repository name is empty'],
  ['0123456789abcdef'.repeat(4), 'cannot be used as a repository name'],
  ['registry:port/app', 'the registry `registry:port` is not a valid host name or host:port'],
  ['-bad.example.com/app', 'the registry `-bad.example.com` is not a valid host name'],
];

describe('parseImageReference: invalid images', () => {
  it.each(invalid)('%j', (image, reason) => {
    const result = parseImageReference(image);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('parseImageReference: spans and suggestions', () => {
  const failure = (image: string) => {
    const result = parseImageReference(image);
    if (result.ok) throw new Error(`${image} unexpectedly parsed`);
    return result;
  };

  it('lowercases only the repository part, keeping an uppercase registry', () => {
    expect(failure('Registry.io/Team/App:V1')).toMatchObject({ span: [12, 20], suggestion: 'Registry.io/team/app:V1' });
    expect(failure('Nginx:1.25')).toMatchObject({ span: [0, 5], suggestion: 'nginx:1.25' });
  });

  it('trims surrounding spaces and removes a URL scheme', () => {
    expect(failure('  nginx:1.25')).toMatchObject({ span: [0, 2], suggestion: 'nginx:1.25' });
    expect(failure('nginx ')).toMatchObject({ span: [5, 6], suggestion: 'nginx' });
    expect(failure('https://gcr.io/p/app:1')).toMatchObject({ span: [0, 8], suggestion: 'gcr.io/p/app:1' });
  });

  it('points at the offending tag or digest without guessing a fix', () => {
    const tag = failure('nginx:1.0:beta');
    expect(tag.span).toEqual([6, 14]);
    expect(tag.suggestion).toBeUndefined();
    expect(failure('nginx@sha256:abc').span).toEqual([13, 16]);
    expect(failure('a//b').span).toEqual([1, 3]);
  });

  it('offers no suggestion when the corrected image would still be invalid', () => {
    expect(failure(' Nginx').suggestion).toBeUndefined();
    expect(failure('https://Nginx').suggestion).toBeUndefined();
  });

  it('suggests lowercase hexadecimal for an uppercase digest', () => {
    expect(failure(`app@${sha256.toUpperCase().replace('SHA256', 'sha256')}`).suggestion).toBe(`app@${sha256}`);
  });
});

describe('effectiveTag', () => {
  const reference = (image: string) => {
    const result = parseImageReference(image);
    if (!result.ok) throw new Error(result.reason);
    return result.reference;
  };

  it('is `latest` only when there is neither a tag nor a digest (the kubelet appends `:latest`)', () => {
    expect(effectiveTag(reference('nginx'))).toBe('latest');
    expect(effectiveTag(reference('localhost:5000/app'))).toBe('latest');
    expect(effectiveTag(reference('nginx:1.25'))).toBe('1.25');
    expect(effectiveTag(reference(`nginx@${sha256}`))).toBeUndefined();
  });
});

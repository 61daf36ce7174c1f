/** CustomResourceDefinition manifests for tests: an 8-line header, then `versions` as given. */
export function crdManifest(kind: string, group: string, versions: string, scope = 'Namespaced'): string {
  const plural = `${kind.toLowerCase()}s`;
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: ${plural}.${group}}
spec:
  group: ${group}
  scope: ${scope}
  names: {kind: ${kind}, plural: ${plural}}
  versions:
${versions}`;
}

/** One served storage version `v1` whose `openAPIV3Schema` is `schema` (YAML indented by 10). */
export function storageVersion(schema: string): string {
  return `    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
${schema}`;
}

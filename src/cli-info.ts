/** `--print-config` and `--list-rules`: what the run would use, without linting anything. */
import type { Effective } from './cli-args.js';
import type { LoadedConfig } from './config.js';
import type { Rule } from './rule-api.js';

/** The effective configuration as a valid configuration file (YAML, or JSON for `-f json`). */
export async function printConfig(effective: Effective, rules: readonly Rule[], loaded: LoadedConfig | undefined, json: boolean): Promise<string> {
  const config = {
    kubernetesVersion: effective.kubernetesVersion,
    defaultNamespace: effective.defaultNamespace,
    ignore: [...effective.ignore, ...effective.ignorePatterns],
    skipKinds: effective.skipKinds,
    rules: Object.fromEntries(rules.map((rule) => [rule.id, effective.rules[rule.id] ?? rule.severity])),
    external: effective.external,
    overrides: effective.overrides,
    crds: effective.crds,
    ...(Object.keys(effective.podSecurity).length > 0 ? { podSecurity: effective.podSecurity } : {}),
    ...(effective.plugins.length > 0 ? { plugins: effective.plugins } : {}),
    ...(effective.customRules.length > 0 ? { customRules: effective.customRules } : {}),
    render: effective.render,
    ...(loaded?.config.kustomizeCommand ? { kustomizeCommand: loaded.config.kustomizeCommand } : {}),
    kustomizeEnableHelm: effective.kustomizeEnableHelm,
    units: effective.units,
  };
  if (json) return `${JSON.stringify(config, null, 2)}\n`;
  const { stringify } = await import('yaml');
  const source = loaded ? `from ${loaded.path} with flags applied` : 'defaults with flags applied: no .k8s-lint.yaml found';
  // YAML 1.1 quoting, so `off` stays a string for kubectl-style (go-yaml v2) readers.
  return `# k8s-lint effective configuration (${source})\n${stringify(config, { version: '1.1' })}`;
}

/** One line per rule: id, effective severity (and the default when configured otherwise), description. */
export function listRules(effective: Effective, rules: readonly Rule[]): string {
  const rows = rules.map((rule) => {
    const setting = effective.rules[rule.id] ?? rule.severity;
    const severity = setting === rule.severity ? setting : `${setting} (default ${rule.severity})`;
    return [rule.id, severity, rule.description];
  });
  const header = ['RULE', 'SEVERITY', 'DESCRIPTION'];
  const widths = [0, 1].map((i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`.trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

// Which project-domain namespaces a task file runs in: every configured project x domain through
// the namespace template, or, for a file that a `[[tool.flyte-secrets.targets]]` table's `paths`
// match, that table's projects x domains only.
import path from 'node:path';
import picomatch from 'picomatch';
import type { FlyteSecretsConfig, TargetConfig } from '../config/config.js';

export interface NamespaceTarget {
  project: string;
  domain: string;
  namespace: string;
}

/** flyteadmin's `GetNamespaceName`: a literal replace of `{{ project }}` and `{{ domain }}`. */
export function namespaceFor(template: string, project: string, domain: string): string {
  return template.split('{{ project }}').join(project).split('{{ domain }}').join(domain);
}

/** A cluster-resource template's text for one project-domain namespace. */
export function fillTemplate(text: string, target: NamespaceTarget): string {
  return namespaceFor(text, target.project, target.domain).split('{{ namespace }}').join(target.namespace);
}

function expand(config: FlyteSecretsConfig, projects: string[], domains: string[], into: Map<string, NamespaceTarget>): void {
  for (const project of projects) {
    for (const domain of domains) {
      const namespace = namespaceFor(config.namespaceTemplate, project, domain);
      if (!into.has(namespace)) into.set(namespace, { project, domain, namespace });
    }
  }
}

/** Every project-domain namespace the configuration names (where cluster-resource templates land). */
export function projectNamespaces(config: FlyteSecretsConfig): NamespaceTarget[] {
  const all = new Map<string, NamespaceTarget>();
  expand(config, config.projects, config.domains, all);
  for (const target of config.targets) expand(config, target.projects, target.domains ?? config.domains, all);
  return [...all.values()];
}

const matchers = new WeakMap<TargetConfig, picomatch.Matcher>();

/** A target's `paths`; a path without glob characters also means everything below it. */
function matcherOf(target: TargetConfig): picomatch.Matcher {
  let matcher = matchers.get(target);
  if (!matcher) {
    const patterns = target.paths.flatMap((p) => {
      const clean = p.replace(/^\.\//, '').replace(/\/+$/, '');
      return picomatch.scan(clean).isGlob ? [clean] : [clean, `${clean}/**`];
    });
    matcher = picomatch(patterns, { dot: true });
    matchers.set(target, matcher);
  }
  return matcher;
}

/** The namespaces a file's requests must exist in; empty when no project is configured. */
export function targetsFor(filePath: string | undefined, config: FlyteSecretsConfig): NamespaceTarget[] {
  const all = new Map<string, NamespaceTarget>();
  if (filePath && config.root && config.targets.length) {
    const relative = path.relative(config.root, path.resolve(filePath)).split(path.sep).join('/');
    for (const target of config.targets) {
      if (matcherOf(target)(relative)) expand(config, target.projects, target.domains ?? config.domains, all);
    }
    if (all.size) return [...all.values()];
  }
  expand(config, config.projects, config.domains, all);
  return [...all.values()];
}

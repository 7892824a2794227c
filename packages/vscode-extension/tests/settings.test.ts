// The extension's settings as the language server receives them: VS Code's `flyteSecrets`
// section in, the server's vocabulary out (packages/lsp/src/settings.ts reads it).
import { rules } from '@flyte-secrets/core';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { normalizeSettings, DEFAULT_SETTINGS } from '../../lsp/src/settings.js';
import { skipPull, toServerSettings } from '../src/settings.js';

const trusted = { trusted: true };
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, { default?: unknown; enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;

/** What VS Code answers for the section when nobody changed a setting: the manifest's defaults. */
function defaults(): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const path = key.replace(/^flyteSecrets\./, '').split('.');
    let target = section;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = schema.default;
  }
  return section;
}

describe('toServerSettings', () => {
  it('maps the defaults to the server\'s defaults, without a warning from the server', () => {
    const warn = vi.fn();
    const mapped = toServerSettings(defaults(), trusted);
    expect(mapped).not.toHaveProperty('trace');
    expect(normalizeSettings(mapped, DEFAULT_SETTINGS, warn)).toEqual(DEFAULT_SETTINGS);
    expect(warn).not.toHaveBeenCalled();
  });

  it('translates the severity words of VS Code into the server\'s, and keeps the server\'s own', () => {
    const mapped = toServerSettings(
      { rules: { 'no-unused-secret-request': 'hint', 'no-secret-leak': 'information', '@flyte-secrets/valid-secret-names': 'warning', 'no-mismatched-secret': 'Error', 'valid-secrets-api': 'off', 'no-direct-secret-access': 'warn' } },
      trusted,
    );
    expect(mapped.rules).toEqual({
      'no-unused-secret-request': 'hint',
      'no-secret-leak': 'info',
      '@flyte-secrets/valid-secret-names': 'warn',
      'no-mismatched-secret': 'error',
      'valid-secrets-api': 'off',
      'no-direct-secret-access': 'warn',
    });
    const warn = vi.fn();
    expect(normalizeSettings(mapped, DEFAULT_SETTINGS, warn).rules).toEqual(mapped.rules);
    expect(warn).not.toHaveBeenCalled();
  });

  it('passes values the server cannot take on as they are, so the server names them', () => {
    const mapped = toServerSettings({ rules: { 'no-secret-leak': 'loud' }, run: 'sometimes' }, trusted);
    const warn = vi.fn();
    normalizeSettings(mapped, DEFAULT_SETTINGS, warn);
    expect(warn.mock.calls.flat()).toEqual([
      expect.stringContaining('flyteSecrets.run'),
      expect.stringContaining('flyteSecrets.rules["no-secret-leak"]'),
    ]);
  });

  it('passes [tool.flyte-secrets] overrides and the other settings through', () => {
    const config = { projects: ['payments'], manifests: ['deploy/**/*.yaml'], 'secret-manager': 'Vault' };
    expect(toServerSettings({ enable: false, run: 'onSave', useFlatConfig: false, codeLens: false, config, trace: { server: 'verbose' } }, trusted)).toEqual({
      enable: false,
      run: 'onSave',
      useFlatConfig: false,
      codeLens: false,
      config,
    });
  });

  it('never lets an untrusted workspace load its ESLint config (it runs the workspace\'s code)', () => {
    expect(toServerSettings({ useFlatConfig: true }, { trusted: false }).useFlatConfig).toBe(false);
    expect(toServerSettings(undefined, { trusted: false })).toEqual({ useFlatConfig: false });
    expect(toServerSettings({ useFlatConfig: true }, trusted).useFlatConfig).toBe(true);
  });

  it('takes a missing or malformed section as nothing set', () => {
    expect(toServerSettings(undefined, trusted)).toEqual({});
    expect(toServerSettings('on', trusted)).toEqual({});
    expect(toServerSettings({ rules: null, enable: null }, trusted)).toEqual({});
  });
});

describe('skipPull', () => {
  it('skips the pulls on change when the user checks on save only', () => {
    expect(skipPull('onSave', 'onType')).toBe(true);
    expect(skipPull('onSave', 'onSave')).toBe(false);
    expect(skipPull('onType', 'onType')).toBe(false);
    expect(skipPull(undefined, 'onType')).toBe(false);
  });
});

describe('the settings in the manifest', () => {
  it('offer every rule the server runs on Python, and no other', () => {
    const listed = Object.keys(properties['flyteSecrets.rules']!.properties ?? {}).sort();
    const python = Object.values(rules).filter((rule) => rule.meta.languages.includes('python')).map((rule) => rule.name).sort();
    // A new rule in core needs its entry under contributes.configuration "flyteSecrets.rules".properties.
    expect(listed).toEqual(python);
  });

  it('offer the severities the mapping translates', () => {
    const severities = properties['flyteSecrets.rules']!.properties!['no-undeclared-secret']!.enum!;
    expect(severities).toEqual(['off', 'error', 'warning', 'information', 'hint']);
    expect(toServerSettings({ rules: Object.fromEntries(severities.map((s) => [s, s])) }, trusted).rules).toEqual({ off: 'off', error: 'error', warning: 'warn', information: 'info', hint: 'hint' });
  });

  it('offer only settings the server reads, plus the client\'s trace', () => {
    const keys = Object.keys(properties).map((key) => key.replace(/^flyteSecrets\./, ''));
    const warn = vi.fn();
    normalizeSettings(toServerSettings(defaults(), trusted), DEFAULT_SETTINGS, warn);
    expect(keys.filter((key) => key !== 'trace.server' && !(key in DEFAULT_SETTINGS))).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

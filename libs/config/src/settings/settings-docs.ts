import { AppConfig, SETTINGS_GROUPS } from '../app-config';
import { LauncherSettings } from './launcher.settings';
import { SettingMetadata, Settings, settingsGroupOf, settingsOf } from './setting';

/** One documented variable: its metadata and how its default reads. */
export interface DocumentedSetting extends SettingMetadata {
  /** The default as the docs show it (Markdown); never a sensitive value. */
  defaultText: string;
  /** The value `.env.example` shows; never a sensitive default. */
  exampleValue: string;
}

/** Every documented variable, grouped, in the order the docs list them. */
export function documentedSettings(): { title: string; settings: DocumentedSetting[] }[] {
  const defaults = { ...new AppConfig(), ...new LauncherSettings() } as Record<string, unknown>;
  // The shared settings (NODE_ENV) first, under their own group, then each group's own.
  const seen = new Set<string>();
  return [Settings, ...SETTINGS_GROUPS, LauncherSettings].map((type) => ({
    title: settingsGroupOf(type).title,
    settings: settingsOf(type)
      .filter((s) => !seen.has(s.name) && seen.add(s.name))
      .map((s) => describeSetting(s, defaults[s.name])),
  }));
}

function describeSetting(setting: SettingMetadata, value: unknown): DocumentedSetting {
  const defaultText =
    setting.default ??
    (value === undefined ? 'unset' : setting.sensitive ? 'development value' : value === '' ? '(empty)' : `\`${String(value)}\``);
  const exampleValue = setting.example ?? (setting.sensitive || value === undefined ? '' : String(value));
  return { ...setting, defaultText, exampleValue };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's configuration tables, one per group (Markdown, before Prettier aligns it). */
export function configurationMarkdown(): string {
  return documentedSettings()
    .map(({ title, settings }) =>
      [
        `**${title}**`,
        '',
        '| variable | default | meaning |',
        '| --- | --- | --- |',
        ...settings.map(
          (s) => `| \`${s.name}\` | ${cell(s.defaultText)} | ${cell(s.description)}${s.sensitive ? ' (secret)' : ''} |`,
        ),
      ].join('\n'),
    )
    .join('\n\n');
}

const ENV_EXAMPLE_HEADER = `# Copy to .env (never commit it; \`npm start\`, the API, the worker and every CLI command read it from the
# working directory, or the file ENV_FILE names) or export in your shell: the environment wins over the
# file. Everything has a development default except the two URLs, which \`npm start\` and \`npm test\` fill
# in themselves when unset. Generated from libs/config/src/settings (npm run docs:config).`;

/** Markdown to plain text good enough for a comment: links lose their target. */
const plain = (markdown: string) => markdown.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** `.env.example`: every variable, commented out, with what it does. */
export function envExample(): string {
  const sections = documentedSettings().map(({ title, settings }) =>
    [
      `# ── ${plain(title).replace(/`/g, '')} ──`,
      ...settings.flatMap((s) => [
        ...wrap(plain(s.description) + (s.default ? ` (default: ${plain(s.default)})` : ''), 100).map((l) => `# ${l}`),
        `# ${s.name}=${s.exampleValue}`,
      ]),
    ].join('\n'),
  );
  return `${ENV_EXAMPLE_HEADER}\n\n${sections.join('\n\n')}\n`;
}

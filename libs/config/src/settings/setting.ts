import { inspect } from 'node:util';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';

/** What the documentation and `.env.example` say about one environment variable. */
export interface SettingOptions {
  /** What it does, as the README's configuration table says it (Markdown). */
  description: string;
  /** A secret (or a URL that may carry one): its value is never printed, its default never documented. */
  sensitive?: boolean;
  /** The default as a reader should see it, when the property's initial value does not say it (Markdown). */
  default?: string;
  /** A value to show in `.env.example` instead of the default. */
  example?: string;
}

export interface SettingMetadata extends SettingOptions {
  name: string;
  group: SettingsGroupMetadata;
}

export interface SettingsGroupMetadata {
  /** Short name, e.g. `webhooks`. */
  name: string;
  /** Heading in the documentation, e.g. `Webhooks`. */
  title: string;
}

type SettingsClass = abstract new () => object;

const settingsByClass = new Map<SettingsClass, Map<string, SettingOptions>>();
const groupByClass = new Map<SettingsClass, SettingsGroupMetadata>();

/** Declares a property of a settings class as an environment variable of the same name. */
export function Setting(options: SettingOptions): PropertyDecorator {
  return (target, property) => {
    const type = target.constructor as SettingsClass;
    if (!settingsByClass.has(type)) settingsByClass.set(type, new Map());
    settingsByClass.get(type)!.set(String(property), options);
  };
}

/** Names the group of the settings a class declares: the slice services inject and a section of the docs. */
export function SettingsGroup(name: string, title: string): ClassDecorator {
  return (target) => {
    groupByClass.set(target as unknown as SettingsClass, { name, title });
  };
}

/** The group a settings class declares. */
export function settingsGroupOf(type: SettingsClass): SettingsGroupMetadata {
  const group = groupByClass.get(type);
  if (!group) throw new Error(`${type.name} has no @SettingsGroup`);
  return group;
}

/** The settings a class declares itself, in declaration order (inherited ones not included). */
function ownSettings(type: SettingsClass): SettingMetadata[] {
  const own = settingsByClass.get(type);
  if (!own) return [];
  const group = settingsGroupOf(type);
  return [...own].map(([name, options]) => ({ name, group, ...options }));
}

/** The settings of a class and of the classes it extends, the base class's first. */
export function settingsOf(type: SettingsClass): SettingMetadata[] {
  const chain: SettingsClass[] = [];
  for (let t: unknown = type; typeof t === 'function' && t !== Function.prototype; t = Object.getPrototypeOf(t)) {
    chain.unshift(t as SettingsClass);
  }
  return chain.flatMap(ownSettings);
}

export const REDACTED = '[redacted]';

/** Conversions of environment strings, shared by every settings class. */
export const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
export const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
export const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * An integer setting from `min` to `max`: the environment's string converted, then checked
 * (the same rules, in the same order, as writing the four decorators out).
 */
export function IntRange(min: number, max: number): PropertyDecorator {
  const decorators = [Transform(toInt), IsInt(), Min(min), Max(max)];
  return (target, property) => {
    for (const decorate of [...decorators].reverse()) decorate(target, property);
  };
}

/**
 * What every group of settings has: the environment it runs in (several groups behave
 * differently in production). Printing a settings object never shows a sensitive value.
 */
@SettingsGroup('general', 'General')
export abstract class Settings {
  @Setting({ description: '`development`, `test` or `production`' })
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** The settings' values with sensitive ones replaced (JSON.stringify and loggers use it). */
  toJSON(): Record<string, unknown> {
    const values = this as unknown as Record<string, unknown>;
    const sensitive = new Set(sensitiveSettings());
    return Object.fromEntries(
      Object.keys(values).map((key) => [key, sensitive.has(key) && values[key] !== undefined ? REDACTED : values[key]]),
    );
  }

  [inspect.custom](): string {
    return `${this.constructor.name} ${inspect(this.toJSON())}`;
  }

  toString(): string {
    return this[inspect.custom]();
  }
}

/** Names of every sensitive setting of every class. */
function sensitiveSettings(): string[] {
  return [...settingsByClass.values()].flatMap((own) => [...own].filter(([, o]) => o.sensitive).map(([name]) => name));
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { devBanner } from '../../src/local/banner';
import { jsonLogger } from '../../src/logging/logger';
import { readText, ROOT } from './infra-files';

/**
 * The Agents Toolkit's local debug files (.vscode/): F5 "Debug in Microsoft 365 Agents Playground" must find its
 * tasks, run the local run with the inspector the debugger attaches to, and know when the bot is up (or failed).
 * VS Code cannot run here, so the files are checked against each other and against what the scripts print.
 */
interface Task {
  label: string;
  type?: string;
  command?: string;
  args?: { env?: string };
  dependsOn?: string[];
  isBackground?: boolean;
  problemMatcher?: { background?: { beginsPattern: string; endsPattern: string } } | string;
}
interface Configuration {
  name: string;
  type: string;
  request: string;
  port?: number;
}
interface Compound {
  name: string;
  configurations: string[];
  preLaunchTask?: string;
}

const launch = JSON.parse(readText('.vscode/launch.json')) as {
  configurations: Configuration[];
  compounds: Compound[];
};
const { tasks } = JSON.parse(readText('.vscode/tasks.json')) as { tasks: Task[] };
const task = (label: string): Task | undefined => tasks.find((candidate) => candidate.label === label);

/** The shell tasks a launch profile's preLaunchTask runs, following dependsOn. */
function shellTasks(label: string): Task[] {
  const found = task(label);
  if (!found) return [];
  return [...(found.type === 'shell' ? [found] : []), ...(found.dependsOn ?? []).flatMap(shellTasks)];
}

const endsPattern = (found: Task): RegExp =>
  new RegExp(typeof found.problemMatcher === 'object' ? (found.problemMatcher.background?.endsPattern ?? '$^') : '$^');

/** What a start-up that fails on its settings prints (the ConfigError message). */
function configErrorMessage(env: Record<string, string>, mode: 'local' | 'production'): string {
  try {
    loadConfig(env, mode);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
  }
  throw new Error('expected a ConfigError');
}

describe('.vscode/ local debug (Agents Toolkit)', () => {
  const playground = launch.compounds.find((compound) => compound.name === 'Debug in Microsoft 365 Agents Playground');

  it('has the "Debug in Microsoft 365 Agents Playground" launch profile, and its preLaunchTask exists', () => {
    expect(playground).toBeDefined();
    expect(playground!.preLaunchTask).toBe('Start App in Microsoft 365 Agents Playground');
    expect(task(playground!.preLaunchTask!)).toBeDefined();
  });

  it('names only configurations and tasks that exist', () => {
    const names = launch.configurations.map((configuration) => configuration.name);
    for (const compound of launch.compounds) {
      expect({
        compound: compound.name,
        missing: compound.configurations.filter((name) => !names.includes(name)),
      }).toEqual({ compound: compound.name, missing: [] });
      if (compound.preLaunchTask)
        expect({ compound: compound.name, task: task(compound.preLaunchTask)?.label }).toEqual({
          compound: compound.name,
          task: compound.preLaunchTask,
        });
    }
    for (const { label, dependsOn = [] } of tasks)
      expect({ label, missing: dependsOn.filter((name) => !task(name)) }).toEqual({ label, missing: [] });
  });

  it('every toolkit deploy or provision task has its project file and env file', () => {
    const envs = tasks.filter((found) => found.type === 'teamsfx' && found.args?.env).map((found) => found.args!.env!);
    expect(envs).toEqual(expect.arrayContaining(['playground', 'local']));
    for (const env of new Set(envs)) {
      expect({ env, project: existsSync(path.join(ROOT, `m365agents.${env}.yml`)) }).toEqual({ env, project: true });
      expect({ env, file: existsSync(path.join(ROOT, 'env', `.env.${env}`)) }).toEqual({ env, file: true });
    }
    // The Playground's deploy step builds lib/, which the start task runs.
    expect(readText('m365agents.playground.yml')).toMatch(/args: run build\n/);
  });

  it('starts the bot with the inspector on the port the debugger attaches to', () => {
    const attach = launch.configurations.find((configuration) => configuration.name === 'Attach to Local Service')!;
    expect(attach).toMatchObject({ type: 'node', request: 'attach' });
    for (const compound of launch.compounds.filter((found) => found.configurations.includes(attach.name))) {
      const started = shellTasks(compound.preLaunchTask!);
      expect(started).toHaveLength(1);
      expect(started[0].command).toContain(`--inspect=${attach.port}`);
      expect(started[0].isBackground).toBe(true);
    }
  });

  it("F5 in the Playground runs `npm run dev`'s local run and knows when it is up or failed", () => {
    const [start] = shellTasks(playground!.preLaunchTask!);
    const script = /node --inspect=\d+ (lib\/scripts\/\S+)\.js$/.exec(start.command!)?.[1];
    expect(script).toBe('lib/scripts/dev');
    expect(JSON.parse(readText('package.json')).scripts.dev).toContain(`node ${script}.js`);
    const devSource = readText('scripts/dev.ts');
    const ends = endsPattern(start);
    // The banner's last line (src/local/banner.ts), and both ways the local run reports a failed start.
    expect(devSource).toContain('devBanner(');
    const banner = devBanner({
      botEndpoint: 'http://127.0.0.1:3978/api/messages',
      embeddedCosmos: 'http://127.0.0.1:40000',
      cosmosEndpoint: 'http://127.0.0.1:40000',
      playgroundPort: 56150,
      localRoles: loadConfig({}, 'local').localRoles,
      pulsePolicy: 'managers',
    });
    expect(banner.trimEnd().split('\n').at(-1)).toBe('  Stop with Ctrl+C.');
    expect(banner.split('\n').filter((line) => ends.test(line))).toEqual(['  Stop with Ctrl+C.']);
    expect(devSource).toContain('`Local run failed: ${');
    expect(ends.test('Local run failed: listen EADDRINUSE')).toBe(true);
    expect(ends.test(configErrorMessage({ PORT: 'not-a-port' }, 'local'))).toBe(true);
    expect(ends.test('{"event":"cosmos.embedded"}')).toBe(false);
  });

  it('F5 in Teams runs the production entry with env/.localConfigs and knows when it is up or failed', () => {
    const [start] = shellTasks('Start App Locally');
    expect(start.command).toBe('node --inspect=9239 --env-file=env/.localConfigs lib/src/index.js');
    expect(readText('m365agents.local.yml')).toContain('target: ./env/.localConfigs');
    const ends = endsPattern(start);
    let started = '';
    jsonLogger((line) => (started = line)).info('app.started', { mode: 'production', port: 3978 });
    expect(ends.test(started)).toBe(true);
    expect(ends.test(configErrorMessage({}, 'production'))).toBe(true);
    expect(readText('src/index.ts')).toContain('`Strategy Guide failed to start: ${');
    expect(ends.test('{"event":"cosmos.ready"}')).toBe(false);
  });

  it('recommends the Agents Toolkit extension, which runs the teamsfx tasks', () => {
    const { recommendations } = JSON.parse(readText('.vscode/extensions.json')) as { recommendations: string[] };
    expect(recommendations).toContain('TeamsDevApp.ms-teams-vscode-extension');
    expect(tasks.some((found) => found.type === 'teamsfx')).toBe(true);
  });
});

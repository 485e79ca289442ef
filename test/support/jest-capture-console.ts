import { format } from 'node:util';
import { captureLogLine } from './log-capture';

// Libraries (botbuilder among them) log with console; every such line is kept for the end-of-suite check too.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    captureLogLine(`console.${method}`, format(...args));
    original(...args);
  };
}

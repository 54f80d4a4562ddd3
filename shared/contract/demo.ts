import { z } from 'zod';
import { channel } from './define';

const DemoStatus = z.object({
  installed: z.boolean(),
  running: z.boolean(),
  urls: z.record(z.string(), z.string()).optional(),
});

/** The demo workspace on the embedded sandbox tools: offered on first start, kept running with the app. */
export const demoChannels = {
  'demo:status': channel(
    z.object({}).strict(),
    DemoStatus,
    'Is the demo workspace installed, and are its sandbox tools running?',
  ),
  'demo:start': channel(
    z.object({}).strict(),
    DemoStatus,
    'Start the sandbox tools and set up (or reuse) the demo workspace.',
  ),
};

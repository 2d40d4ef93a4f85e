import { chromium, type Browser } from 'playwright-core';
import { requireProgram } from './processes';

/**
 * Debian's Chromium (`/usr/bin/chromium`, which `.ci/run` installs), headless and quiet on a
 * closed network: no background connections, updates or sync.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireProgram('chromium', 'apt-get install chromium'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

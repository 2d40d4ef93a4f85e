import 'reflect-metadata';
import { loadConfig } from '@stratum/config';
import { serveApi } from '../apps/api/src/serve';

/** The product API alone, in its own process, as the scale benchmark runs it. */
serveApi(loadConfig(), [], '127.0.0.1').then(() => process.send?.('ready'));

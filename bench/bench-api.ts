import 'reflect-metadata';
import { loadConfig } from '@stratum/config';
import { serveApi } from '../apps/api/src/serve';
import { BenchModule } from './bench.module';

/** The API as the benchmark runs it: the product app plus the baseline route, in its own process. */
serveApi(loadConfig(), [BenchModule], '127.0.0.1').then(() => process.send?.('ready'));

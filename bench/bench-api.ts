import 'reflect-metadata';
import { loadConfig } from '@stratum/config';
import { serveApi } from '../apps/api/src/serve';
import { BenchModule } from './bench.module';

/**
 * The API as the benchmark runs it, in its own process: the product app, plus the baseline
 * route of the tenancy benchmark when BENCH_BASELINE_SCHEMA names its schema.
 */
serveApi(loadConfig(), process.env.BENCH_BASELINE_SCHEMA ? [BenchModule] : [], '127.0.0.1').then(() => process.send?.('ready'));

// Imported first by main.ts: the SDK must start before http, Nest, pg and ioredis load.
import { startTracing } from '@stratum/tracing';

startTracing('stratum-worker');

// Imported first by main.ts: the SDK must start before http, express, Nest, pg and ioredis load.
import { startTracing } from '@stratum/tracing';

startTracing('stratum-api');

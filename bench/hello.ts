/**
 * The yardstick of the request-pipeline benchmark: a bare NestJS 11 app on Express with one
 * route, GET /health/live answering {"status":"ok"}, in a process of its own. Everything the
 * product adds on top of the framework shows up as the ratio to this route (pipeline.ts).
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller('health')
class HelloController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

async function main() {
  const app = await NestFactory.create(HelloModule, { logger: ['error'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
}

void main();

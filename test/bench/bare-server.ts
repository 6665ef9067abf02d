import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The baseline of the authorized reads: a bare Nest endpoint on Fastify (no guard, no database), in a process of
 * its own — so it shares nothing with the real app (passport keeps one global strategy registry: two Nest apps in
 * one process would authenticate through the last one). Prints `port <n>` on stdout once listening; stops on SIGTERM.
 */
@Controller()
class BareController {
  @Get('bare')
  bare() {
    return { ok: true };
  }
}
@Module({ controllers: [BareController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`port ${address.port}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();

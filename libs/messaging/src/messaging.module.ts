import {
  DynamicModule,
  Global,
  INestApplication,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { queueGroup } from '@cchc/contracts';
import { HealthRegistry } from '@cchc/observability';
import { ContractNatsServer } from './contract-servers';
import { InProcessBus, InProcessClient, InProcessServer } from './in-process.transport';

/** Injection token of the ClientProxy used to send queries and emit events. */
export const MESSAGE_CLIENT = Symbol('MESSAGE_CLIENT');
const IN_PROCESS_BUS = Symbol('IN_PROCESS_BUS');

export interface MessagingOptions {
  /** Unset: in-process transport (all-in-one). */
  natsUrl?: string;
  /** Service name: NATS connection name and queue group. */
  service: string;
  user?: string;
  pass?: string;
}

function credentials(o: MessagingOptions): { user?: string; pass?: string } {
  return o.user ? { user: o.user, pass: o.pass } : {};
}

/** Closes the client's NATS connection when the app closes. */
@Injectable()
class MessageClientCloser implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_CLIENT) private readonly client: ClientProxy) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: IN_PROCESS_BUS, useFactory: () => new InProcessBus() },
        { provide: 'MESSAGING_OPTIONS', useValue: options },
        {
          provide: MESSAGE_CLIENT,
          inject: [IN_PROCESS_BUS, HealthRegistry],
          useFactory: async (bus: InProcessBus, health: HealthRegistry): Promise<ClientProxy> => {
            if (!options.natsUrl) return new InProcessClient(bus);
            const client = ClientProxyFactory.create({
              transport: Transport.NATS,
              options: {
                servers: [options.natsUrl],
                name: `${options.service}-client`,
                ...credentials(options),
              },
            });
            await client.connect();
            health.register('nats', async () => {
              const nc = client.unwrap<{ isClosed(): boolean; flush(): Promise<void> }>();
              if (nc.isClosed()) throw new Error('NATS connection closed');
              await nc.flush();
            });
            return client;
          },
        },
        MessageClientCloser,
      ],
      exports: [MESSAGE_CLIENT, IN_PROCESS_BUS],
    };
  }
}

/**
 * Attaches the app's `@MessagePattern`/`@EventPattern` handlers to the transport: NATS (with a
 * queue group, so replicas share requests) or the in-process bus.
 */
export async function connectMessaging(app: INestApplication, options: MessagingOptions): Promise<void> {
  // Both servers check each query's request against its contract (contract-servers.ts).
  if (options.natsUrl) {
    app.connectMicroservice<MicroserviceOptions>({
      strategy: new ContractNatsServer({
        servers: [options.natsUrl],
        queue: queueGroup(options.service),
        name: `${options.service}-server`,
        ...credentials(options),
      }),
    });
  } else {
    app.connectMicroservice<MicroserviceOptions>({ strategy: new InProcessServer(app.get(IN_PROCESS_BUS)) });
  }
  await app.startAllMicroservices();
}

export { MessagingModule, MESSAGE_CLIENT, connectMessaging } from './messaging.module';
export type { MessagingOptions } from './messaging.module';
export { InProcessBus, InProcessClient, InProcessServer } from './in-process.transport';
export { connectJetStream, ensureStream, ensureDurableConsumer, BatchConsumer } from './jetstream';
export type { JetStreamConnection, JsMsg, DurableConsumerOptions, BatchConsumerOptions } from './jetstream';
export { ContractError, ContractErrorCode, checkReply, checkRequest } from './contract-check';
export { ContractNatsServer, contractChecked } from './contract-servers';
export { query } from './query';

export { loadConfig, ConfigError, DEFAULT_PORTS, envSchema } from './app-config';
export type { AppConfig, ServiceName } from './app-config';
export { ConfigModule, APP_CONFIG } from './config.module';
export { appRoot, appPath } from './app-paths';

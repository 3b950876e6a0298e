import { sqlStores } from '../../../test/support/stores.js';
import { describePaymentGatewayContract } from '../contract/payment-gateway.contract.js';
import { createSandboxGateway } from './sandbox-gateway.js';
import { createSqlSandboxLedger } from './sql-sandbox-ledger.js';

// The sandbox with its ledger in Postgres (a fresh schema): what the API and worker processes share.
describePaymentGatewayContract('sandbox (ledger in postgres)', async () => {
  const opened = await sqlStores.find((s) => s.name === 'postgres')!.open();
  const gateway = createSandboxGateway({ ledger: createSqlSandboxLedger(opened.db) });
  return { gateway, authorizationCount: (orderId) => gateway.authorizationCount(orderId), close: opened.dispose };
});

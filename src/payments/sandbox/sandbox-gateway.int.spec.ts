import { describePaymentGatewayContract } from '../contract/payment-gateway.contract.js';
import { createSandboxGateway } from './sandbox-gateway.js';

describePaymentGatewayContract('sandbox (in memory)', () => {
  const gateway = createSandboxGateway();
  return { gateway, authorizationCount: (orderId) => gateway.authorizationCount(orderId) };
});

// Pointing at a real gateway: no stand-in is started, and a URL without merchant code and secret is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IPN_PATH, RETURN_PATH, startPayment } from '../../src/outside/payment.ts';

test('XASO_PAYMENT_URL set: the real gateway\'s settings, our IPN and return addresses from PUBLIC_URL', async () => {
  const s = await startPayment({ url: 'https://sandbox.example.vn/paymentv2/vpcpay.html', merchantCode: 'M1', secret: 's', publicUrl: 'https://xa.example.vn' });
  assert.deepEqual(s.connection, { name: 'payment', url: 'https://sandbox.example.vn/paymentv2/vpcpay.html', standIn: false });
  assert.equal(s.settings.ipnUrl, `https://xa.example.vn${IPN_PATH}`);
  assert.equal(s.settings.returnUrl, `https://xa.example.vn${RETURN_PATH}`);
  await s.stop();
  await assert.rejects(startPayment({ url: 'https://sandbox.example.vn/x', publicUrl: 'https://xa.example.vn' }), /XASO_PAYMENT_MERCHANT/);
});

test('no URL: the stand-in starts on a loopback port and stops', async () => {
  const s = await startPayment({ publicUrl: 'http://127.0.0.1:1' });
  assert.equal(s.connection.standIn, true);
  assert.equal((await fetch(s.settings.url)).status, 400); // unsigned request
  await s.stop();
});

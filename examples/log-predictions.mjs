// Logging-only mode: a model served elsewhere reports its predictions, later its labels, to driftguard.
// Run: DRIFTGUARD_URL=http://127.0.0.1:8080 DRIFTGUARD_INGEST_KEY=… node examples/log-predictions.mjs
import { createDriftguardClient, DriftguardRequestError } from 'driftguard/client';

const client = createDriftguardClient({
  url: process.env.DRIFTGUARD_URL ?? 'http://127.0.0.1:8080',
  apiKey: process.env.DRIFTGUARD_INGEST_KEY, // a key with the ingest role
  model: 'credit-default',
  maxBatchRows: 500, // rows per request
  maxDelayMs: 200, // longest a row waits for its batch
});

// Your model's traffic; here incomes drift upwards half-way through.
const ids = [];
for (let i = 0; i < 2000; i++) {
  const income = Math.round(20 + 80 * Math.random() + (i >= 1000 ? 40 : 0));
  const debt = Math.round(100 * Math.random()) / 100;
  const features = { income, debt, region: ['north', 'south', 'east'][i % 3], owner: Math.random() < 0.5 };
  const score = 1 / (1 + Math.exp(0.05 * (income - 60) - 3 * (debt - 0.5)));
  // Not awaited one by one: the client coalesces the calls into batches.
  ids.push(client.logPrediction({ features, prediction: score >= 0.5 ? 'yes' : 'no', score }));
}
const logged = await Promise.all(ids); // each id resolves once the server has committed its row

// Ground truth arrives later, joined by prediction id.
const { joined, unknownIds } = await client.sendLabels(
  logged.slice(0, 500).map((id) => ({ predictionId: id, label: 'no' })),
);
console.log(`logged ${logged.length} predictions, joined ${joined} labels, ${unknownIds.length} unknown ids`);

// A refused row rejects with the server's reasons; the rows around it are still logged.
try {
  await client.logPrediction({
    features: { income: 50, debt: 0.2, region: 'west', owner: true, zipcode: '10115' },
    prediction: 'no',
  });
} catch (error) {
  if (!(error instanceof DriftguardRequestError)) throw error;
  console.log(`refused (${error.status} ${error.code}):`, error.details);
}

await client.close(); // sends what is still queued and waits for the acknowledgements

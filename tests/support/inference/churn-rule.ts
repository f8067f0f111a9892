/**
 * Test helper: the hand-written scorer of tests/byom/train_byom_models.py's custom pyfunc (ChurnRule), so a loopback
 * endpoint and the real `mlflow models serve` compute the same thing: P(yes) = sigmoid(0.05·(age − 40) + 0.8·[plan = pro]).
 */
export function churnProbability(age: number, plan: string): number {
  return 1 / (1 + Math.exp(-(0.05 * (age - 40) + 0.8 * (plan === 'pro' ? 1 : 0))));
}

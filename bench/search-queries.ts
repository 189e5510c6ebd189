// The benchmark's queries: 50 common one-term and 50 multi-term queries typical of CS paper search.

export const oneTerm = (
  'model learning neural language network data image training graph diffusion transformer attention vision ' +
  'reinforcement robot agent generation detection segmentation optimization benchmark dataset reasoning inference ' +
  'video speech text knowledge federated adversarial privacy quantum retrieval embedding contrastive multimodal ' +
  'efficient robust uncertainty causal policy control planning semantic clustering classification recognition ' +
  'tracking 3d medical'
).split(' ');

export const multiTerm = [
  'large language models',
  'graph neural network',
  'diffusion model image generation',
  'reinforcement learning robot manipulation',
  'kv cache compression',
  'vision transformer',
  'federated learning privacy',
  'speech recognition',
  'point cloud segmentation',
  'retrieval augmented generation',
  'chain of thought reasoning',
  'mixture of experts',
  'instruction tuning',
  'object detection small objects',
  'autonomous driving planning',
  'text to video generation',
  'medical image segmentation',
  'adversarial attacks robustness',
  'knowledge distillation',
  'contrastive learning representations',
  'neural radiance fields',
  'gaussian splatting',
  'multi agent systems',
  'code generation benchmark',
  'hallucination detection',
  'time series forecasting',
  'anomaly detection',
  'question answering',
  'machine translation low resource',
  'recommendation systems',
  'quantization of neural networks',
  'sparse attention long context',
  'protein structure prediction',
  'causal inference',
  'explainable ai',
  'few shot learning',
  'domain adaptation',
  'self supervised learning',
  'visual question answering',
  'emotion recognition',
  'optimal transport',
  'bayesian optimization',
  'humanoid robot locomotion',
  'spiking neural networks',
  'edge computing offloading',
  'wireless communication deep learning',
  'fairness in machine learning',
  'prompt injection attacks',
  'world models',
  'scaling laws',
];

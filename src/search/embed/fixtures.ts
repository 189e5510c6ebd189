// A small corpus for the semantic tests: three topics with shared and topic-specific words.
import type { TrainDoc } from './train.js';

const topics = {
  cache: [
    'Offloading the KV cache to CPU memory for long context inference',
    'Compressing the key value cache of transformer inference with quantization',
    'Paged attention stores the KV cache in blocks of GPU memory',
    'Evicting tokens from the key value cache during long context decoding',
  ],
  graph: [
    'Graph neural networks for molecules with message passing',
    'Message passing graph networks predict molecular properties',
    'Equivariant graph neural networks for protein structure',
    'Molecular graph generation with diffusion over atoms and bonds',
  ],
  robot: [
    'Robot manipulation policies learned from human demonstrations',
    'Reinforcement learning for robot grasping in clutter',
    'Legged robot locomotion policies trained in simulation',
    'Imitation learning of manipulation skills for robot arms',
  ],
};

/** Twelve docs, ids `<topic>-<n>`. */
export const smallCorpus: TrainDoc[] = Object.entries(topics).flatMap(([topic, texts]) =>
  texts.map((text, i) => ({ id: `${topic}-${i}`, text })),
);

# What the appendix's fragments take for granted (they are shown without their imports and
# without `model`): runs before the page's first block and before each `# spec: isolated` one.
import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(Dense(3, input_dim=1))


def my_relu(x, alpha=0.3):
    return tf.keras.backend.maximum(alpha * x, x)

# Setup the course leaves implicit: runs before the page's first block and before each
# block marked `# spec: isolated` (see fixtures/plugins/course_gate.py).
import numpy as np
import tensorflow as tf
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential

model = Sequential()
model.add(Dense(3, input_dim=1))

import pytest
import torch


@pytest.fixture(autouse=True, scope="module")
def one_torch_thread():
    """Run torch on one thread, restored afterwards.

    The tensors here are tiny: torch's thread pool only adds synchronization, and on a
    busy 2-core machine two threads made these tests up to 20 times slower.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)

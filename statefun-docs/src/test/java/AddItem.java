// #region add-item
public record AddItem(String cartId, String sku, int quantity) {}
// #endregion add-item

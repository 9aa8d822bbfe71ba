// #region reserved
public record Reserved(String sku, int quantity) {}
// #endregion reserved
